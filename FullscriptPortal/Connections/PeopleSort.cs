namespace FullscriptPortal.Connections;

public enum PeopleSort { Name, Role, State, Expiry, LastRefresh, Clinic }
