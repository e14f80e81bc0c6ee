namespace Verified;

/// <summary>Implemented by the generator on every [RecurrentCell] class.</summary>
public interface IRecurrentCell
{
    /// <summary>The cell's sizes, parameters, initialisers and kernel factories.</summary>
    static abstract CellSpec Spec { get; }
}
