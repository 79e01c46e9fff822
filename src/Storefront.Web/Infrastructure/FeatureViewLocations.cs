using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Storefront.Infrastructure;

/// <summary>
/// Views live beside their controller: Storefront.Features.TopUps.TopUpController renders Features/TopUps/&lt;view&gt;.cshtml,
/// then Features/Shared/.
/// </summary>
public sealed class FeatureViewLocations : IViewLocationExpander
{
    private const string Key = "feature";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor action
            && action.ControllerTypeInfo.Namespace is { } ns
            && ns.StartsWith("Storefront.Features.", StringComparison.Ordinal))
            context.Values[Key] = ns["Storefront.Features.".Length..].Replace('.', '/');
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations) =>
        context.Values.TryGetValue(Key, out var feature) && feature is not null
            ? viewLocations.Select(l => l.Replace("{feature}", feature))
            : viewLocations.Where(l => !l.Contains("{feature}"));
}
