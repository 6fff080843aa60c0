namespace FullscriptPortal.Fullscript;

public enum AuthorizationModel
{
    RoleBased,
    ClinicLevel,
}
