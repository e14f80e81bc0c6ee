using System.Diagnostics;
using BenchmarkDotNet.Running;
using Verified.Benchmarks;

// `product STEPS`: the 256-bit long-term product for the side-by-side script against MPFR.
// `train REPEATS [components]`: one training epoch in double and in float for the side-by-side script against PyTorch,
// and with `components` its per-step pieces (the batched step, its reverse pass, the products inside them).
if (args is ["train", ..])
{
    var repeats = args.Length > 1 ? int.Parse(args[1]) : 6;
    TimeTraining("double", new TrainingWorkload<double>().Epoch, repeats);
    TimeTraining("float", new TrainingWorkload<float>().Epoch, repeats);
    if (args is [_, _, "components", ..])
    {
        var peaks = (Double: Peak.GigaFlops(single: false), Single: Peak.GigaFlops(single: true));
        TimePieces(new TrainingComponents<double>().Pieces(), "double", peaks.Double);
        TimePieces(new TrainingComponents<float>().Pieces(), "float", peaks.Single);
    }
    return;
}
// `spectrum N K STEPS THREADS [REPEATS]`: ms per step of a large network's spectrum, for the side-by-side script against numpy.
// As numpy_spectrum.py times only its loop, the set-up (the weights' and Q_0's draws, the first QR) is taken out: the best
// run of 2·STEPS steps less the best run of STEPS, over STEPS.
if (args is ["spectrum", var size, var count, var stepCount, var threadCount, ..])
{
    var (n, k, steps, threads) = (int.Parse(size), int.Parse(count), int.Parse(stepCount), int.Parse(threadCount));
    var repeats = args.Length > 5 ? int.Parse(args[5]) : 3;
    var workload = new SpectrumWorkload(n, k, threads);
    workload.Run(2 * steps); // warm: every hot loop at its final tier before the timed runs
    var (shortRun, longRun) = (double.MaxValue, double.MaxValue);
    var lambda1 = 0.0;
    for (var i = 0; i < repeats; i++)
    {
        shortRun = Math.Min(shortRun, workload.Run(steps).Milliseconds);
        (var ms, lambda1) = workload.Run(2 * steps);
        longRun = Math.Min(longRun, ms);
    }
    Console.WriteLine($"verified spectrum N={n} k={k} threads={threads}, {Peak.VectorBits}-bit vectors: {(longRun - shortRun) / steps:F2} ms/step (best of {repeats} x {steps} and x {2 * steps}, set-up taken out); lambda1 {lambda1:F4}");
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

// `qr N K [THREADS] [WIDTH]`: one QR of an N×K matrix in pairs of reflectors and as block reflectors of WIDTH, for the crossover.
if (args is ["qr", var rows, var columns, ..])
{
    var (n, k) = (int.Parse(rows), int.Parse(columns));
    using var team = Verified.Dense.Threading.DenseThreads.Use(args.Length > 3 ? int.Parse(args[3]) : 1);
    var a = new double[n * k];
    new Verified.Randomness.Rng(1).FillGaussian(a);
    var (q, r) = (new double[n * k], new double[k * k]);
    foreach (var (name, qr) in new[] { ("pairs", new Verified.Dense.HouseholderQr<double>(n, k, 16)), ("blocks", new Verified.Dense.HouseholderQr<double>(n, k, args.Length > 4 ? int.Parse(args[4]) : Verified.Dense.HouseholderQr<double>.BlockedPanelWidth, blockReflectors: true)) })
    {
        WarmUp(() => qr.Factor(a, q, r));
        var (best, bestCpu) = (double.MaxValue, double.MaxValue);
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < 20; i++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            for (var repeat = 0; repeat < 10; repeat++)
            {
                qr.Factor(a, q, r);
            }
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds / 10);
            process.Refresh();
            bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpu).TotalMilliseconds / 10);
        }
        // The processor time counts only while the process runs: on a loaded host it is the steadier of the two.
        Console.WriteLine($"verified qr {n}x{k} {name}, threads {Verified.Dense.Threading.DenseThreads.Current}, {Peak.VectorBits}-bit vectors: {best:F3} ms wall, {bestCpu:F3} ms processor (best of 20 x 10), {Flops.Rate(Flops.Qr(n, k), best):F1} GFLOP/s");
    }
    return;
}

// `gemm-threads`: square products C = A·B of growing order on one thread and on every core, for the order where sharing starts to pay.
if (args is ["gemm-threads"])
{
    foreach (var order in new[] { 48, 64, 80, 101, 128, 160, 200, 256, 384 })
    {
        var a = new double[order * order];
        var b = new double[order * order];
        var c = new double[order * order];
        new Verified.Randomness.Rng(2).FillGaussian(a);
        new Verified.Randomness.Rng(3).FillGaussian(b);
        var times = new List<double>();
        foreach (var threads in new[] { 1, Environment.ProcessorCount })
        {
            using var team = Verified.Dense.Threading.DenseThreads.Use(threads);
            var repeats = Math.Max(10, 20_000_000 / (order * order * order));
            WarmUp(() => Verified.Dense.Gemm.Multiply<double>(a, b, c, order, order, order, accumulate: false));
            var best = double.MaxValue;
            for (var round = 0; round < 7; round++)
            {
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < repeats; i++)
                {
                    Verified.Dense.Gemm.Multiply<double>(a, b, c, order, order, order, accumulate: false);
                }
                best = Math.Min(best, clock.Elapsed.TotalMicroseconds / repeats);
            }
            times.Add(best);
        }
        Console.WriteLine($"gemm {order}³ ({(long)order * order * order:N0} multiply-adds): 1 thread {times[0]:F1} µs, {Environment.ProcessorCount} threads {times[1]:F1} µs, speed-up {times[0] / times[1]:F2}");
    }
    return;
}

// `cost-split`: the paper's Sec 4 / appendix F claim (row C1.4 of docs/claims.md) that the QR and its pullback, O(N k²),
// are the cost of a flossing step: per piece, in processor time, over N at k = 32 and over k at N = 256, with the slopes.
if (args is ["cost-split"])
{
    CostSplit.Run();
    return;
}

// `peak`: one core's measured FMA peak at the vector width in use.
if (args is ["peak"])
{
    Console.WriteLine($"peak of one core, {Peak.VectorBits}-bit vectors: double {Peak.GigaFlops(single: false):F1} GFLOP/s, float {Peak.GigaFlops(single: true):F1} GFLOP/s");
    return;
}

// `kernels [REPEATS] [TASK] [CELL]`: the best flossing and training epoch of this process for vanilla-tanh and lstm in
// double and float (or only TASK, floss or train, and CELL), one line each, for compare-kernels.sh, which alternates
// processes of two builds (where the JIT places a process's hot loops moves its times).
if (args is ["kernels", ..])
{
    var repeats = args.Length > 1 ? int.Parse(args[1]) : 8;
    var (onlyTask, onlyCell) = (args.Length > 2 ? args[2] : null, args.Length > 3 ? args[3] : null);
    foreach (var cell in new[] { "vanilla-tanh", "lstm" }.Where(cell => onlyCell is null || cell == onlyCell))
    {
        if (onlyTask is null or "floss")
        {
            Console.WriteLine($"floss {cell} double {BestMilliseconds(new FlossingWorkload<double>(cell).Epoch, repeats):F2}");
            Console.WriteLine($"floss {cell} float {BestMilliseconds(new FlossingWorkload<float>(cell).Epoch, repeats):F2}");
        }
        if (onlyTask is null or "train")
        {
            Console.WriteLine($"train {cell} double {BestMilliseconds(new TrainingWorkload<double>(cell).Epoch, repeats):F2}");
            Console.WriteLine($"train {cell} float {BestMilliseconds(new TrainingWorkload<float>(cell).Epoch, repeats):F2}");
        }
    }
    return;
}

// `quick [REPEATS] [components] [N K]`: a few timed epochs for the side-by-side script; otherwise BenchmarkDotNet.
if (args is ["quick", ..])
{
    var repeats = args.Length > 1 ? int.Parse(args[1]) : 5;
    var (n, k) = args.Length > 4 ? (int.Parse(args[3]), int.Parse(args[4])) : (80, 75);
    var peaks = (Double: Peak.GigaFlops(single: false), Single: Peak.GigaFlops(single: true));
    Console.WriteLine($"peak of one core, {Peak.VectorBits}-bit vectors: double {peaks.Double:F1} GFLOP/s, float {peaks.Single:F1} GFLOP/s");
    Report("double", new FlossingWorkload<double>(n: n, k: k).Epoch, repeats, n, k, peaks.Double);
    Report("float", new FlossingWorkload<float>(n: n, k: k).Epoch, repeats, n, k, peaks.Single);
    if (args is [_, _, "components", ..])
    {
        Components(new StepComponents<double>(n, k), "double", n, k, peaks.Double);
        Components(new StepComponents<float>(n, k), "float", n, k, peaks.Single);
    }
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(FlossingEpochBenchmark).Assembly).Run(args);

static void Report(string name, Func<double> epoch, int repeats, int n, int k, double peak)
{
    var best = BestMilliseconds(epoch, repeats);
    var rate = Flops.Rate(Flops.FlossingEpoch(n, k, 300), best);
    Console.WriteLine($"verified floss N={n} k={k} Tf=300 tons=1 {name}: {best:F2} ms/epoch (best of {repeats}), {rate:F1} GFLOP/s, {rate / peak:P0} of peak");
}

static void Components<T>(StepComponents<T> parts, string name, int n, int k, double peak) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
    TimePieces(new (string, Action, double)[]
    {
        ("Gemm", parts.Gemm, Flops.Gemm(n, k)), ("Tangent", parts.Tangent, Flops.Tangent(n, k)), ("Step", parts.Step, 2.0 * n * n),
        ("Qr", parts.Qr, Flops.Qr(n, k)), ("Pullback", parts.Pullback, Flops.Pullback(n, k)),
        ("StepVjp", parts.StepVjp, 4.0 * n * n), ("TangentVjp", parts.TangentVjp, Flops.TangentVjp(n, k)),
    }, name, peak);

// Each piece 300 times per batch after a warm-up, best of ten batches, with its rate and share of the peak.
static void TimePieces(IEnumerable<(string Name, Action Run, double Flops)> pieces, string name, double peak)
{
    foreach (var (label, action, flops) in pieces)
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
        var rate = Flops.Rate(300 * flops, best);
        Console.WriteLine($"  {name,-6} {label,-10} {best:F2} ms per 300 steps (best of 10), {rate:F1} GFLOP/s, {rate / peak:P0} of peak");
    }
}

// The fastest of `repeats` timed epochs after the warm-up: this shared machine's noise only ever adds time.
static double BestMilliseconds(Func<double> epoch, int repeats)
{
    WarmUp(() => epoch());
    var best = double.MaxValue;
    for (var i = 0; i < repeats; i++)
    {
        var clock = Stopwatch.StartNew();
        epoch();
        best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
    }
    return best;
}

// At least 3 runs and 3 s: the runtime recompiles hot methods with their profile in the background for
// several N = 80 epochs after their first calls, and an epoch timed before that measures the JIT's tiers.
static void WarmUp(Action run)
{
    var clock = Stopwatch.StartNew();
    for (var runs = 0; runs < 3 || clock.Elapsed.TotalSeconds < 3; runs++)
    {
        run();
    }
}

static void TimeTraining(string name, Func<double> epoch, int repeats)
{
    var best = BestMilliseconds(epoch, repeats);
    Console.WriteLine($"verified train N=80 b=16 T=300 d=20 {name}, {Peak.VectorBits}-bit vectors: {best:F2} ms/epoch (best of {repeats}), {Flops.Rate(Flops.TrainingEpoch(80, 16, 320), best):F1} GFLOP/s");
}

static void Time(string name, Func<double> run, double multiplyAdds)
{
    var clock = Stopwatch.StartNew();
    var corner = run();
    var seconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"verified product N=80 {name}: {seconds:F2} s, {seconds * 1e9 / multiplyAdds:F1} ns per multiply-add (P[0][0] = {corner:G6})");
}
