namespace Verified;

/// <summary>Implemented by the generator on every [RecurrentCell] class.</summary>
public interface IRecurrentCell
{
    static abstract CellSpec Spec { get; }
}
