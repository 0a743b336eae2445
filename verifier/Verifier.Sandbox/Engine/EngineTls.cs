using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Docker.DotNet.X509;

namespace Verifier.Sandbox.Engine;

/// <summary>
/// Mutual TLS to a remote engine from a DOCKER_CERT_PATH-style folder: the client certificate and key the engine
/// trusts, and the CA that must have signed the engine's certificate (nothing else is accepted).
/// </summary>
internal static class EngineTls
{
    public static readonly string[] Files = ["ca.pem", "cert.pem", "key.pem"];

    public static CertificateCredentials Credentials(string folder)
    {
        var client = X509Certificate2.CreateFromPemFile(Path.Combine(folder, "cert.pem"), Path.Combine(folder, "key.pem"));
        var authority = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(folder, "ca.pem"));

        // The PEM key is ephemeral; TLS on Linux needs it exportable, so round-trip through PKCS#12 once.
        var usable = X509CertificateLoader.LoadPkcs12(client.Export(X509ContentType.Pkcs12), password: null);
        return new CertificateCredentials(usable)
        {
            ServerCertificateValidationCallback = (_, certificate, _, errors) => IsSignedBy(certificate, authority, errors),
        };
    }

    private static bool IsSignedBy(X509Certificate? presented, X509Certificate2 authority, SslPolicyErrors errors)
    {
        if (presented is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var certificate = new X509Certificate2(presented);
        return chain.Build(certificate) && !errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch);
    }
}
