using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Verifier.Contracts;

namespace Verifier.Service.Benchmarks;

/// <summary>Posts pre-serialised bodies at the service and records what came back.</summary>
internal sealed class LoadGenerator(HttpClient http, Uri address, string apiKey)
{
    /// <summary>Closed loop: <paramref name="concurrency"/> senders, each sending its next request when the last returns.</summary>
    public async Task<LoadReport> ClosedLoopAsync(IReadOnlyList<byte[]> bodies, int itemsPerBody, int concurrency, TimeSpan duration)
    {
        var report = new LoadReport(itemsPerBody);
        var clock = Stopwatch.StartNew();
        var next = -1;
        var senders = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                var body = bodies[(int)((uint)Interlocked.Increment(ref next) % (uint)bodies.Count)];
                await SendAsync(body, report);
            }
        });
        await Task.WhenAll(senders);
        report.Elapsed = clock.Elapsed;
        return report;
    }

    /// <summary>Serialises and sends every batch once, <paramref name="concurrency"/> at a time; returns the items answered.</summary>
    public async Task<long> ClosedLoopBatchesOnceAsync(IReadOnlyList<VerifyItem> items, int batchSize, int concurrency)
    {
        var report = new LoadReport(0);
        var batches = items.Chunk(batchSize).ToArray();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < batches.Length)
            {
                var body = JsonSerializer.SerializeToUtf8Bytes(new VerifyRequest { Items = batches[index] }, VerifierJsonContext.Default.VerifyRequest);
                await SendAsync(body, report);
            }
        }));
        return report.ItemsAnswered;
    }

    /// <summary>
    /// Open loop: requests leave at a fixed rate whatever the service does (what a burst of trainers looks like),
    /// with at most <paramref name="maxOutstanding"/> in flight so the generator itself stays bounded.
    /// </summary>
    public async Task<LoadReport> OpenLoopAsync(IReadOnlyList<byte[]> bodies, int itemsPerBody, double requestsPerSecond, TimeSpan duration, int maxOutstanding)
    {
        var report = new LoadReport(itemsPerBody);
        var gate = new SemaphoreSlim(maxOutstanding);
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        var interval = TimeSpan.FromSeconds(1 / requestsPerSecond);
        var sent = 0;
        while (clock.Elapsed < duration)
        {
            var due = interval * sent;
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            if (!gate.Wait(0))
            {
                report.Dropped++;
                sent++;
                continue;
            }

            var body = bodies[sent % bodies.Count];
            sent++;
            inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    await SendAsync(body, report);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        await Task.WhenAll(inFlight);
        report.Elapsed = clock.Elapsed;
        return report;
    }

    private async Task SendAsync(byte[] body, LoadReport report)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, "v1/verify")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request);
            var payload = await response.Content.ReadAsByteArrayAsync();
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var results = JsonSerializer.Deserialize(payload, VerifierJsonContext.Default.VerifyResponse)!.Results;
                report.Ok(elapsed, results.Count, results.Count(r => r.Reward is null));
            }
            else
            {
                report.Status((int)response.StatusCode);
            }
        }
        catch (HttpRequestException)
        {
            report.Status(0);
        }
    }
}

internal sealed class LoadReport(int itemsPerBody)
{
    private readonly Lock _gate = new();
    private readonly List<double> _latencies = [];
    private readonly Dictionary<int, int> _statuses = [];

    public TimeSpan Elapsed { get; set; }

    public long ItemsAnswered { get; private set; }

    public long ItemsMissing { get; private set; }

    public long NullRewards { get; private set; }

    public int Dropped { get; set; }

    public IReadOnlyDictionary<int, int> Statuses => _statuses;

    public int ServerErrors => _statuses.Where(s => s.Key >= 500 || s.Key == 0).Sum(s => s.Value);

    public void Ok(TimeSpan latency, int items, int nulls)
    {
        lock (_gate)
        {
            _latencies.Add(latency.TotalMilliseconds);
            _statuses[200] = _statuses.GetValueOrDefault(200) + 1;
            ItemsAnswered += items;
            ItemsMissing += itemsPerBody - items;
            NullRewards += nulls;
        }
    }

    public void Status(int status)
    {
        lock (_gate)
        {
            _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
        }
    }

    public double ItemsPerSecond => ItemsAnswered / Elapsed.TotalSeconds;

    public double Percentile(double p)
    {
        lock (_gate)
        {
            if (_latencies.Count == 0)
            {
                return double.NaN;
            }

            var sorted = _latencies.Order().ToArray();
            return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        }
    }

    public string StatusSummary() => string.Join(" ", _statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}x{s.Value}"));
}
