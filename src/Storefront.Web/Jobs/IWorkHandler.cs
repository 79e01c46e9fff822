using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Domain;

namespace Storefront.Jobs;

/// <summary>Runs one kind of work item (called by <see cref="WorkItemJob"/>). Throwing schedules a retry with backoff;
/// <see cref="PermanentFailureException"/> gives up at once.</summary>
public interface IWorkHandler
{
    string Kind { get; }

    Task HandleAsync(WorkItem item, CancellationToken ct);

    /// <summary>Called once when the item will not be tried again.</summary>
    Task OnGiveUpAsync(WorkItem item, Exception error, CancellationToken ct) => Task.CompletedTask;
}
