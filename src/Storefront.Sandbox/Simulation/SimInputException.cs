namespace Storefront.Sandbox.Simulation;

/// <summary>
/// Bad input to a simulator: a body that is not a JSON object, a field of the wrong type, a bad fault rule. Each
/// simulator's error filter answers it as its provider answers a validation error.
/// </summary>
public sealed class SimInputException(string? field, string problem)
    : Exception(field is null ? problem : $"{field} {problem}")
{
    /// <summary>The field at fault; null when it is the body as a whole.</summary>
    public string? Field { get; } = field;

    /// <summary>What is wrong: after the field's name ("must be a string"), or a whole sentence when there is no field.</summary>
    public string Problem { get; } = problem;
}
