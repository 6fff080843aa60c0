namespace FullscriptPortal.Clinics;

public static class ClinicsRegistration
{
    public static WebApplicationBuilder AddClinics(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Invites>();
        return builder;
    }
}
