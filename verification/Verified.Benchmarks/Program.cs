using System.Diagnostics;
using BenchmarkDotNet.Running;
using Verified.Benchmarks;

// `product STEPS`: the 256-bit long-term product for the side-by-side script against MPFR.
// `train REPEATS`: one training epoch for the side-by-side script against PyTorch.
if (args is ["train", ..])
{
    var repeats = args.Length > 1 ? int.Parse(args[1]) : 6;
    var workload = new TrainingWorkload();
    for (var warm = 0; warm < 3; warm++)
    {
        workload.Epoch();
    }
    var best = double.MaxValue;
    for (var i = 0; i < repeats; i++)
    {
        var clock = Stopwatch.StartNew();
        workload.Epoch();
        best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
    }
    Console.WriteLine($"verified train N=80 b=16 T=300 d=20 double: {best:F1} ms/epoch (best of {repeats})");
    return;
}
if (args is ["product", ..])
{
    var steps = args.Length > 1 ? int.Parse(args[1]) : 100;
    var workload = new ProductWorkload(steps: steps);
    Time($"BinaryFloat<Bits256>", () => workload.Run<Verified.Precision.Numbers.BinaryFloat<Verified.Precision.Numbers.Bits256>>(steps), workload.MultiplyAdds(steps));
    Time($"DecimalNumber (78 digits)", () => workload.Run<Verified.Precision.Numbers.DecimalNumber>(3), workload.MultiplyAdds(3));
    return;
}

// `quick`: a few timed epochs for the side-by-side script; otherwise BenchmarkDotNet.
if (args is ["quick", ..])
{
    var repeats = args.Length > 1 ? int.Parse(args[1]) : 5;
    Report("double", new FlossingWorkload<double>().Epoch, repeats);
    Report("float", new FlossingWorkload<float>().Epoch, repeats);
    if (args is [_, _, "components"])
    {
        Components(new StepComponents<double>(), "double");
        Components(new StepComponents<float>(), "float");
    }
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(FlossingEpochBenchmark).Assembly).Run(args);

static void Report(string name, Func<double> epoch, int repeats)
{
    for (var warm = 0; warm < 3; warm++)
    {
        epoch();
    }
    var best = double.MaxValue;
    for (var i = 0; i < repeats; i++)
    {
        var clock = Stopwatch.StartNew();
        epoch();
        best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
    }
    Console.WriteLine($"verified floss N=80 k=75 Tf=300 tons=1 {name}: {best:F1} ms/epoch (best of {repeats})");
}

static void Components<T>(StepComponents<T> parts, string name) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    foreach (var (label, action) in new (string, Action)[]
    {
        ("Gemm", parts.Gemm), ("Tangent", parts.Tangent), ("Step", parts.Step), ("Qr", parts.Qr), ("Pullback", parts.Pullback),
        ("StepVjp", parts.StepVjp), ("TangentVjp", parts.TangentVjp),
    })
    {
        for (var warm = 0; warm < 600; warm++)
        {
            action();
        }
        // Best of ten batches: this shared machine's noise only ever adds time.
        var best = double.MaxValue;
        for (var batch = 0; batch < 10; batch++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 300; i++)
            {
                action();
            }
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"  {name,-6} {label,-10} {best:F1} ms per 300 steps (best of 10)");
    }
}

static void Time(string name, Func<double> run, double multiplyAdds)
{
    var clock = Stopwatch.StartNew();
    var corner = run();
    var seconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"verified product N=80 {name}: {seconds:F2} s, {seconds * 1e9 / multiplyAdds:F1} ns per multiply-add (P[0][0] = {corner:G6})");
}
