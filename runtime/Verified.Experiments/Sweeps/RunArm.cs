using System.Globalization;
using Verified.Training;

namespace Verified.Experiments.Sweeps;

/// <summary>
/// The arm of a training run: its flossing schedule and every option that a figure compares at
/// equal task, delay, k and seed — the epochs of the episodes when it flosses during training, a
/// flossing horizon T_f other than the default, an orthogonal W, the author's initialisation or input weights, another task input, a penalty.
/// One name serves the run's id, the claims' lookups and the plots' legends. A run at the default of
/// all of these is named by its schedule alone ("none", "pre", "during"), as every run recorded
/// before the arms existed is.
/// </summary>
public static class RunArm
{
    private static readonly TrainOptions Defaults = new();

    /// <summary>A short name of the arm for ids and lookups: "none", "pre", "during", "during-0-500", "pre-tf80", "none-orthogonal", "none-author-init", "none-author-input", "none-bernoulli", "none-reg-radius".</summary>
    public static string Key(TrainOptions options)
    {
        var key = options.Flossing.ToString().ToLowerInvariant();
        if (options.Flossing == FlossingSchedule.During && !options.FlossAt.SequenceEqual(Defaults.FlossAt))
        {
            key += "-" + (Every(options.FlossAt) is { } every
                ? string.Create(CultureInfo.InvariantCulture, $"every{every}-from{options.FlossAt[0]}-to{options.FlossAt[^1]}")
                : string.Join("-", options.FlossAt.Select(epoch => epoch.ToString(CultureInfo.InvariantCulture))));
        }
        if (options.Flossing != FlossingSchedule.None && options.FlossSteps != Defaults.FlossSteps)
        {
            key += string.Create(CultureInfo.InvariantCulture, $"-tf{options.FlossSteps}");
        }
        if (options.RecurrentInit == Init.Orthogonal)
        {
            key += "-orthogonal";
        }
        if (options.ModelInit == ModelInit.AuthorCode)
        {
            key += "-author-init";
        }
        if (options.InputWeights == InputWeightInit.AuthorCode)
        {
            key += "-author-input";
        }
        if (options.TaskInput is { } input)
        {
            key += "-" + input.ToString().ToLowerInvariant();
        }
        if (options.Precision == ElementPrecision.Float)
        {
            key += "-float";
        }
        if (options.Regulariser is { } regulariser)
        {
            key += regulariser == Training.Regularisers.RegulariserKind.SpectralRadius ? "-reg-radius" : "-reg-jacobian";
            if (options.RegularisationWeight is { } weight && weight != TrainOptions.DefaultRegularisationWeight)
            {
                key += string.Create(CultureInfo.InvariantCulture, $"{weight:G3}");
            }
        }
        return key;
    }

    /// <summary>The arm as a plot legend says it: "preflossing, k = 40", "flossing during training at epochs 0, 500, k = 75, T_f = 80".</summary>
    public static string Legend(TrainOptions options)
    {
        var legend = options.Flossing switch
        {
            FlossingSchedule.None => "no flossing",
            FlossingSchedule.Pre => $"preflossing, k = {options.FlossK}",
            _ => options.FlossAt.SequenceEqual(Defaults.FlossAt)
                ? $"flossing during training, k = {options.FlossK}"
                : Every(options.FlossAt) is { } every
                    ? $"flossing every {every} epochs throughout training, k = {options.FlossK}"
                    : $"flossing during training at epochs {string.Join(", ", options.FlossAt)}, k = {options.FlossK}",
        };
        if (options.Flossing != FlossingSchedule.None && options.FlossSteps != Defaults.FlossSteps)
        {
            legend += $", T_f = {options.FlossSteps}";
        }
        if (options.RecurrentInit == Init.Orthogonal)
        {
            legend += ", orthogonal W";
        }
        if (options.ModelInit == ModelInit.AuthorCode)
        {
            legend += ", the author's initialisation";
        }
        if (options.InputWeights == InputWeightInit.AuthorCode)
        {
            legend += ", the author's input weights";
        }
        if (options.TaskInput is { } input)
        {
            legend += $", {input.ToString().ToLowerInvariant()} inputs";
        }
        if (options.Precision == ElementPrecision.Float)
        {
            legend += ", in float";
        }
        if (options.Regulariser is { } regulariser)
        {
            var weight = (options.RegularisationWeight ?? TrainOptions.DefaultRegularisationWeight).ToString("G3", CultureInfo.InvariantCulture);
            legend += regulariser == Training.Regularisers.RegulariserKind.SpectralRadius ? $", penalty {weight} (ρ(W) − 1)²" : $", penalty {weight} mean log² σ(D_s)";
        }
        return legend;
    }

    /// <summary>The step of an evenly spaced list of more than five epochs (a schedule throughout training, Fig 12); null otherwise.</summary>
    private static int? Every(IReadOnlyList<int> epochs) =>
        epochs.Count > 5 && epochs.Zip(epochs.Skip(1), (a, b) => b - a).Distinct().ToList() is [var step] ? step : null;
}
