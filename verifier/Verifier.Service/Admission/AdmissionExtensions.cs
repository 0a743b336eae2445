namespace Verifier.Service.Admission;

public static class AdmissionExtensions
{
    /// <summary>Per-tenant and global admission control, configured by the <c>Admission</c> section and checked at start.</summary>
    public static IServiceCollection AddAdmission(this IServiceCollection services)
    {
        services.AddOptions<AdmissionOptions>().BindConfiguration(AdmissionOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.TenantMaxItems <= o.GlobalMaxItems, "Admission:TenantMaxItems must not exceed Admission:GlobalMaxItems")
            .ValidateOnStart();
        services.AddSingleton<AdmissionController>();
        return services;
    }
}
