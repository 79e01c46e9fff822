namespace Storefront.Domain;

public enum OrderKind
{
    /// <summary>New eSIMs.</summary>
    Esim,
    /// <summary>More data (or wallet credit) on an eSIM from an earlier order.</summary>
    TopUp,
}
