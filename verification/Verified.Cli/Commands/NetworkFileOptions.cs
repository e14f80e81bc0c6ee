using System.CommandLine;
using Verified.Initialisation;
using Verified.Randomness;
using Verified.Storage;

namespace Verified.Cli.Commands;

/// <summary>
/// --params, --save-params and --initial-state: a network's θ (and h_0) as safetensors files
/// (<see cref="ParameterFile"/>). With --params the cell's sizes are read from the file's tensors
/// (--n, if given, must agree) and θ is the file's instead of the initialiser's.
/// </summary>
public sealed class NetworkFileOptions
{
    public Option<FileInfo?> Params { get; } = new Option<FileInfo?>("--params")
    {
        Description = "Start from the parameters in this safetensors file (from --save-params, or a PyTorch state_dict saved with safetensors) instead of the initialiser (default: the initialiser's draw at --g and --seed); the sizes come from the file",
    }.ExistingFile();

    public Option<FileInfo?> SaveParams { get; } = new Option<FileInfo?>("--save-params").WritableFile();

    public Option<FileInfo?> InitialState { get; } = new Option<FileInfo?>("--initial-state").ExistingFile();

    /// <summary>
    /// Adds --params, and --save-params and --initial-state where the command has them: <paramref name="saves"/> is what
    /// --save-params writes, <paramref name="ownStart"/> the state the command starts from without --initial-state (null: the option is not offered).
    /// </summary>
    public void AddTo(Command command, string? saves = null, string? ownStart = null)
    {
        command.Options.Add(Params);
        if (saves is not null)
        {
            SaveParams.Description = $"Save {saves} to this safetensors file (default: not saved)";
            command.Options.Add(SaveParams);
        }
        if (ownStart is not null)
        {
            InitialState.Description = $"Start the trajectory from h0 in this safetensors file, a tensor 'h0' of n values (default: {ownStart})";
            command.Options.Add(InitialState);
        }
    }

    /// <summary>The cell at the sizes of --params' file, or at --n (and <paramref name="inputSize"/>) without it.</summary>
    public CellLayout Layout(ParseResult result, CellSpec spec, CommonOptions options, int inputSize = 1)
    {
        var n = result.GetValue(options.N);
        if (result.GetValue(Params) is not { } file)
        {
            return spec.Layout(CellDimensions.Of(n, inputSize));
        }
        var found = ParameterFile.DimensionsIn(file.FullName, spec);
        if (result.GetResult(options.N) is { Implicit: false } && found.TryGetValue("N", out var inFile) && inFile != n)
        {
            throw new UsageException($"--n {n} disagrees with the parameter file '{file}', whose tensors give N = {inFile}");
        }
        var dimensions = CellDimensions.Of(found.GetValueOrDefault("N", n), inputSize);
        foreach (var (name, value) in found.Where(entry => entry.Key != "N"))
        {
            dimensions = dimensions.With(name, value);
        }
        return spec.Layout(dimensions);
    }

    /// <summary>θ of the cell: --params' tensors, checked against the layout, or the initialiser's draw at --g and --seed.</summary>
    public double[] Theta(ParseResult result, CellLayout layout, CommonOptions options)
    {
        if (result.GetValue(Params) is not { } file)
        {
            return ParameterInitialiser.Create(layout, result.GetValue(options.Gain), new Rng(result.GetValue(options.Seed)));
        }
        RefuseInitialiserOptions(result, options.Gain);
        return ParameterFile.Load(file.FullName, layout, out _);
    }

    /// <summary>The files given as --params and --initial-state (where the command has it), recorded in the run's JSON.</summary>
    public Output.StartedFrom StartedFrom(ParseResult result) =>
        new(result.GetValue(Params)?.FullName, result.GetResult(InitialState) is null ? null : result.GetValue(InitialState)?.FullName);

    /// <summary>Refuses, when --params is given, any of <paramref name="initialiser"/>: options that shape the initialiser's draw, which the file replaces.</summary>
    public void RefuseInitialiserOptions(ParseResult result, params Option[] initialiser)
    {
        if (result.GetValue(Params) is not null)
        {
            OptionRules.RefuseGiven(result, initialiser, "shapes the initialiser's draw; --params loads the parameters from a file instead");
        }
    }

    /// <summary>h_0 from --initial-state, or null (the command's own start).</summary>
    public double[]? StartState(ParseResult result, CellLayout layout) =>
        result.GetValue(InitialState) is { } file ? ParameterFile.LoadInitialState(file.FullName, layout.StateSize) : null;

    /// <summary>Saves θ (and <paramref name="extra"/> tensors) to --save-params, if given.</summary>
    public void Save(ParseResult result, CellLayout layout, ReadOnlySpan<double> theta, bool single, IReadOnlyList<SafeTensor>? extra = null)
    {
        if (result.GetValue(SaveParams) is { } file)
        {
            ParameterFile.Save(file.FullName, layout, theta, single, extra);
        }
    }
}
