using System.Diagnostics;

namespace Verified.Benchmarks;

/// <summary>
/// Where a flossing step's time goes as N and k grow (the paper's Sec 4 and appendix F: the QR is the
/// bottleneck, O(N k²) forward and backward): the processor time of each piece of a double step
/// (<see cref="StepComponents{T}"/>), the share of the QR with its pullback, and the log–log slopes of
/// that pair's time against k at N = 256 and against N at k = 32 (O(N k²) predicts 2 and 1).
/// Processor time counts only while this process runs, so a loaded host slows it less than wall time.
/// </summary>
public static class CostSplit
{
    private static readonly (int N, int K)[] OverK = [(256, 16), (256, 32), (256, 64), (256, 128), (256, 256)];
    private static readonly (int N, int K)[] OverN = [(64, 32), (128, 32), (256, 32), (512, 32), (1024, 32)];

    public static void Run()
    {
        Console.WriteLine("N     k    QR+pullback ms  tangent+VJPs+step ms  QR share   (per 100 steps, processor time, double)");
        var overK = OverK.Select(size => Measure(size.N, size.K)).ToList();
        var overN = OverN.Select(size => Measure(size.N, size.K)).ToList();
        Console.WriteLine($"slope of QR+pullback against k at N = 256: {Slope(OverK.Select(s => (double)s.K), overK.Select(m => m.Qr)):F2} (O(N k²): 2)");
        Console.WriteLine($"slope of QR+pullback against N at k = 32: {Slope(OverN.Select(s => (double)s.N), overN.Select(m => m.Qr)):F2} (O(N k²): 1)");
    }

    private static (double Qr, double Others) Measure(int n, int k)
    {
        var parts = new StepComponents<double>(n, k);
        var qr = Time(parts.Qr) + Time(parts.Pullback);
        var rest = Time(parts.Tangent) + Time(parts.Step) + Time(parts.StepVjp) + Time(parts.TangentVjp);
        Console.WriteLine($"{n,-5} {k,-4} {qr,14:F2} {rest,21:F2} {qr / (qr + rest),9:P0}");
        return (qr, rest);
    }

    /// <summary>Processor milliseconds per 100 calls, best of five batches after a warm-up.</summary>
    private static double Time(Action action)
    {
        for (var warm = 0; warm < 50; warm++)
        {
            action();
        }
        var process = Process.GetCurrentProcess();
        var best = double.MaxValue;
        for (var batch = 0; batch < 5; batch++)
        {
            process.Refresh();
            var start = process.TotalProcessorTime;
            for (var i = 0; i < 100; i++)
            {
                action();
            }
            process.Refresh();
            best = Math.Min(best, (process.TotalProcessorTime - start).TotalMilliseconds);
        }
        return best;
    }

    /// <summary>The least-squares slope of log y against log x.</summary>
    private static double Slope(IEnumerable<double> x, IEnumerable<double> y)
    {
        var points = x.Zip(y, (a, b) => (X: Math.Log(a), Y: Math.Log(b))).ToList();
        var (mx, my) = (points.Average(p => p.X), points.Average(p => p.Y));
        return points.Sum(p => (p.X - mx) * (p.Y - my)) / points.Sum(p => (p.X - mx) * (p.X - mx));
    }
}
