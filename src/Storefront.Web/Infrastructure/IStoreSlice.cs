namespace Storefront.Infrastructure;

/// <summary>
/// A feature slice's own wiring (Features/&lt;Slice&gt;/&lt;Slice&gt;Slice.cs): the services it needs, what it prepares once
/// the database is migrated, and endpoints beyond its controllers. The host finds every slice in the assembly, so adding
/// one touches nothing outside its folder; its work handlers (<see cref="Jobs.IWorkHandler"/>) and scheduled work
/// (<see cref="Jobs.IRecurringWork"/>) are found the same way.
/// </summary>
public interface IStoreSlice
{
    void AddTo(WebApplicationBuilder builder);

    Task PrepareAsync(WebApplication app) => Task.CompletedTask;

    void Map(WebApplication app) { }
}
