using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Verifier.Sandbox.Diagnostics;
using Verifier.Sandbox.Engine;
using Verifier.Sandbox.Fleet;
using Verifier.Sandbox.Hosting;
using Verifier.Sandbox.Languages;
using Verifier.Sandbox.Languages.Compiled;
using Verifier.Sandbox.Languages.CSharp;
using Verifier.Sandbox.Languages.Scripts;
using Verifier.Sandbox.Pool;

namespace Verifier.Sandbox;

public static class SandboxServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ICodeSandbox"/> with its thirteen languages (Python, C++, C#, Java, Go, Rust, JavaScript, TypeScript,
    /// Bash, Ruby, PHP, Lua, Perl), options bound from <c>Sandbox</c> and validated at start,
    /// the metrics (<c>Verifier.Sandbox</c>), and the hosted service that owns the containers.
    /// More languages: <c>services.AddSingleton&lt;ISandboxLanguage, MyLanguage&gt;()</c>.
    /// </summary>
    public static IServiceCollection AddCodeSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddCodeSandbox(options => configuration.GetSection(SandboxOptions.Section).Bind(options));
    }

    /// <summary>As <see cref="AddCodeSandbox(IServiceCollection, IConfiguration)"/>, configured in code.</summary>
    public static IServiceCollection AddCodeSandbox(this IServiceCollection services, Action<SandboxOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SandboxOptions>().Configure(configure).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISandboxLanguage, PythonLanguage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISandboxLanguage, CppLanguage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISandboxLanguage, CSharpLanguage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISandboxLanguage, JavaLanguage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISandboxLanguage, GoLanguage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISandboxLanguage, RustLanguage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISandboxLanguage, JavaScriptLanguage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISandboxLanguage, TypeScriptLanguage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISandboxLanguage, BashLanguage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISandboxLanguage, RubyLanguage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISandboxLanguage, PhpLanguage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISandboxLanguage, LuaLanguage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISandboxLanguage, PerlLanguage>());
        services.TryAddSingleton<SandboxMetrics>();
        services.TryAddSingleton<LanguageRegistry>();
        services.TryAddSingleton(sp => ContainerEngines.Create(sp.GetRequiredService<IOptions<SandboxOptions>>().Value));
        services.TryAddSingleton<ContainerRuntime>();
        services.TryAddSingleton<ContainerPool>();
        services.TryAddSingleton(EngineFleet.Create);
        services.TryAddSingleton<ICodeSandbox, CodeSandbox>();
        services.AddHostedService<SandboxHostedService>();
        return services;
    }
}
