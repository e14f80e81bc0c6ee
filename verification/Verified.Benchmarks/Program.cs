using System.Diagnostics;
using BenchmarkDotNet.Running;
using Verified.Benchmarks;

// `product STEPS`: the 256-bit long-term product for the side-by-side script against MPFR.
if (args is ["trainparts"]) { TrainParts.Run(); return; }

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
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 300; i++)
        {
            action();
        }
        Console.WriteLine($"  {name,-6} {label,-10} {clock.Elapsed.TotalMilliseconds:F1} ms per 300 steps");
    }
}

static void Time(string name, Func<double> run, double multiplyAdds)
{
    var clock = Stopwatch.StartNew();
    var corner = run();
    var seconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"verified product N=80 {name}: {seconds:F2} s, {seconds * 1e9 / multiplyAdds:F1} ns per multiply-add (P[0][0] = {corner:G6})");
}
static class TrainParts
{
    public static void Run()
    {
        var layout = Verified.BuiltInCells.Find("vanilla-tanh")!.Layout(Verified.CellDimensions.Of(80, 1));
        var k = layout.Spec.CreateKernels<double>(layout);
        var rng = new Verified.Random.Rng(1);
        var theta = Verified.Initialisation.ParameterInitializer.Create(layout, 1, rng);
        var h = new double[80 * 16]; rng.FillGaussian(h);
        var x = new double[16]; rng.FillGaussian(x);
        var next = new double[80 * 16]; var bar = new double[80 * 16]; var tb = new double[layout.ParameterCount];
        void T(string name, Action a) { for (var i = 0; i < 2000; i++) a(); var c = Stopwatch.StartNew(); for (var i = 0; i < 320; i++) a(); Console.WriteLine($"  {name}: {c.Elapsed.TotalMilliseconds:F2} ms/320"); }
        T("Step b=16", () => k.Step(theta, h, x, next, 16));
        T("StepVjp b=16", () => k.StepVjp(theta, h, x, next, bar, tb, 16));
        var tape = new double[k.TapeLength(16)];
        T("Step+tape b=16", () => k.Step(theta, h, x, next, 16, tape));
        T("StepVjp tape b=16", () => k.StepVjp(theta, h, x, next, bar, tb, 16, tape));
        var task = new Verified.Training.Tasks.CopyTask(20);
        var model = new Verified.Training.RecurrentModel(layout, 1);
        var mt = model.Initialize(1, rng);
        var bptt = new Verified.Training.Bptt(model, 16, 320);
        var batch = task.Generate(rng, 16, 320);
        var g = new double[model.ParameterCount];
        void E(string name, Action a) { for (var i = 0; i < 5; i++) a(); var c = Stopwatch.StartNew(); for (var i = 0; i < 10; i++) a(); Console.WriteLine($"  {name}: {c.Elapsed.TotalMilliseconds / 10:F2} ms"); }
        E("bptt forward (Evaluate)", () => bptt.Evaluate(mt, batch, Verified.Training.Tasks.LossKind.MeanSquaredError));
        E("bptt loss+gradient", () => bptt.LossAndGradient(mt, batch, Verified.Training.Tasks.LossKind.MeanSquaredError, g));
        var w = theta.AsSpan(0, 6400).ToArray();
        T("Gemm 80x80x16", () => Verified.Dense.Gemm.Multiply<double>(w, h, next, 80, 80, 16, false));
        T("GemmTA 80x80x16", () => Verified.Dense.Gemm.MultiplyTransposedA<double>(w, h, next, 80, 80, 16, true));
        T("GemmTB 80x16x80", () => Verified.Dense.Gemm.MultiplyTransposedB<double>(h, next, tb.AsSpan(0, 6400), 80, 16, 80, true));
    }
}
