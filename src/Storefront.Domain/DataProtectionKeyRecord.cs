namespace Storefront.Domain;

/// <summary>An ASP.NET Core Data Protection key, kept in the database so every web node shares it.</summary>
public sealed class DataProtectionKeyRecord
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}
