using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Domain;

using Storefront.Providers;

namespace Storefront.Features.Webhooks;

/// <summary>
/// Signing secrets for provider webhooks: "&lt;Provider&gt;:WebhookSecret" in configuration when the reseller sets it in the
/// provider's portal; for PressOne (Airalo's scheme) the client secret; otherwise the one the store received when it
/// registered its endpoint (kept encrypted).
/// </summary>
public sealed class WebhookSecrets(StorefrontDbContext db, IConfiguration configuration, IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Storefront.WebhookSecret.v1");

    private static string Key(string provider) => $"webhooks:{provider}:secret";

    public async Task<string?> GetAsync(string provider, CancellationToken ct)
    {
        var configured = configuration[$"{ConfigurationSection(provider)}:WebhookSecret"];
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        if (provider == "pressone" && configuration["PressOne:ClientSecret"] is { Length: > 0 } clientSecret) return clientSecret;
        var stored = await db.Settings.AsNoTracking().SingleOrDefaultAsync(s => s.Key == Key(provider), ct);
        return stored is null ? null : _protector.Unprotect(stored.Value);
    }

    public async Task StoreAsync(string provider, string secret, DateTimeOffset now, CancellationToken ct)
    {
        // An empty secret verifies nothing: every event would be refused while the store believes it is registered.
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        var existing = await db.Settings.SingleOrDefaultAsync(s => s.Key == Key(provider), ct);
        if (existing is null) db.Settings.Add(existing = new StoreSetting { Key = Key(provider), Value = "" });
        existing.Value = _protector.Protect(secret);
        existing.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
    }

    private static string ConfigurationSection(string provider) => ProviderModules.Find(provider)?.Section ?? provider;
}
