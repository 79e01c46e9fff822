namespace Storefront.Providers;

/// <summary>Pausing an eSIM's data and letting it flow again.</summary>
public interface ISuspendResume
{
    Task SuspendAsync(string iccid, CancellationToken ct);

    Task ResumeAsync(string iccid, CancellationToken ct);
}
