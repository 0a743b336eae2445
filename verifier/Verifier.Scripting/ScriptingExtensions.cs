using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Verifier.Core.Rewards;

namespace Verifier.Scripting;

public static class ScriptingExtensions
{
    /// <summary>Registers the operator's reward scripts; they are compiled as the host starts, and a broken one stops it.</summary>
    public static IServiceCollection AddRewardScripts(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddOptions<RewardScriptOptions>().BindConfiguration(RewardScriptOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RewardScriptSet>();
        services.AddSingleton<IRewardComponentSource>(sp => sp.GetRequiredService<RewardScriptSet>());
        services.AddHostedService<CompileScriptsAtStart>();
        return services;
    }

    private sealed class CompileScriptsAtStart(RewardScriptSet scripts) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.FromResult(scripts.Compilations);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
