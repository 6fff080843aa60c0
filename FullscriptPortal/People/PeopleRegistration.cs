namespace FullscriptPortal.People;

public static class PeopleRegistration
{
    /// <summary>The one place clinics and people are added, changed and deactivated, for the API and the pages alike.</summary>
    public static WebApplicationBuilder AddPeopleAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ClinicAdmin>();
        builder.Services.AddScoped<PeopleAdmin>();
        builder.Services.AddScoped<PersonDetailQuery>();
        builder.Services.AddScoped<BulkActions>();
        return builder;
    }
}
