using Microsoft.AspNetCore.DataProtection;

namespace Storefront.Features.Install;

/// <summary>Encrypts activation codes at rest with ASP.NET Core Data Protection (keys kept in the database).</summary>
public sealed class ActivationCodeProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Storefront.Esim.ActivationCode.v1");

    public string Protect(string activationCode) => _protector.Protect(activationCode);

    public string Unprotect(string protectedCode) => _protector.Unprotect(protectedCode);

    public InstallDetails? Details(string? protectedCode) =>
        protectedCode is null ? null : InstallDetails.Parse(Unprotect(protectedCode));
}
