using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Verifier.Service.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// Metrics in Prometheus text at /metrics; traces go to an OTLP collector when
    /// OTEL_EXPORTER_OTLP_ENDPOINT is set. Logs never carry completions or keys: nothing logs them.
    /// </summary>
    public static IServiceCollection AddVerifierTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("verifier"))
            .WithMetrics(metrics => metrics
                .AddMeter(VerifierMetrics.MeterName, "Verifier.Sandbox")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());

        otel.WithTracing(tracing =>
        {
            tracing.AddSource(VerifierMetrics.MeterName).AddAspNetCoreInstrumentation();
            if (!string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            {
                tracing.AddOtlpExporter();
            }
        });
        return services;
    }
}
