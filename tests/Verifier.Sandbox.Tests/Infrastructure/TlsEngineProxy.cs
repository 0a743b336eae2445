using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Verifier.Sandbox.Tests.Infrastructure;

/// <summary>
/// A stand-in for a remote engine that speaks mutual TLS, as `dockerd --tlsverify` does: it listens on a loopback
/// port, requires a client certificate signed by its CA, and forwards the decrypted stream to the local engine's
/// socket. Certificates are made with openssl in a temporary DOCKER_CERT_PATH-style folder.
/// </summary>
internal sealed class TlsEngineProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _serverCertificate;
    private readonly X509Certificate2 _authority;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _handshakesRefused;

    private TlsEngineProxy(string folder)
    {
        Folder = folder;
        var server = X509Certificate2.CreateFromPemFile(Path.Combine(folder, "server-cert.pem"), Path.Combine(folder, "server-key.pem"));
        _serverCertificate = X509CertificateLoader.LoadPkcs12(server.Export(X509ContentType.Pkcs12), password: null);
        _authority = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(folder, "ca.pem"));
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>Holds ca.pem, cert.pem and key.pem for the client, as Sandbox:TlsCertPath expects.</summary>
    public string Folder { get; }

    public string Endpoint => $"tcp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public int HandshakesRefused => Volatile.Read(ref _handshakesRefused);

    public static async Task<TlsEngineProxy> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("verifier-engine-tls-").FullName;
        await OpenSslAsync(folder, "req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=test-ca -keyout ca-key.pem -out ca.pem");
        await IssueAsync(folder, "server", "/CN=localhost", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        await IssueAsync(folder, "client", "/CN=verifier", "extendedKeyUsage=clientAuth");
        File.Move(Path.Combine(folder, "client-cert.pem"), Path.Combine(folder, "cert.pem"));
        File.Move(Path.Combine(folder, "client-key.pem"), Path.Combine(folder, "key.pem"));
        return new TlsEngineProxy(folder);
    }

    private static async Task IssueAsync(string folder, string name, string subject, string extension)
    {
        await OpenSslAsync(folder, $"req -newkey rsa:2048 -nodes -subj {subject} -keyout {name}-key.pem -out {name}.csr");
        await File.WriteAllTextAsync(Path.Combine(folder, $"{name}.ext"), extension + "\n");
        await OpenSslAsync(folder, $"x509 -req -in {name}.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 1 -extfile {name}.ext -out {name}-cert.pem");
    }

    private static async Task OpenSslAsync(string folder, string arguments)
    {
        var start = new ProcessStartInfo("openssl", arguments.Split(' ')) { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true };
        using var openssl = Process.Start(start)!;
        var errors = openssl.StandardError.ReadToEndAsync();
        await openssl.WaitForExitAsync();
        Assert.True(openssl.ExitCode == 0, $"openssl {arguments}: {await errors}");
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        await using var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false, ValidateClient);
        try
        {
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = _serverCertificate,
                ClientCertificateRequired = true,
            }, _stop.Token);
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
        {
            Interlocked.Increment(ref _handshakesRefused);
            return;
        }

        using var engine = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await engine.ConnectAsync(new UnixDomainSocketEndPoint("/var/run/docker.sock"), _stop.Token);
        await using var engineStream = new NetworkStream(engine, ownsSocket: false);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var up = PumpAsync(tls, engineStream, done.Token);
        var down = PumpAsync(engineStream, tls, done.Token);
        await Task.WhenAny(up, down);
        await done.CancelAsync();
    }

    private bool ValidateClient(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(_authority);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(certificate);
        return custom.Build(presented);
    }

    private static async Task PumpAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        try
        {
            await from.CopyToAsync(to, cancellationToken);
            await to.FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // One side closed: the connection is over.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
