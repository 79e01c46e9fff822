namespace Storefront.Domain;

/// <summary>How far provisioning of one eSIM has come. A "Requested" step means a chargeable call was sent and its
/// outcome is not yet known: the next attempt must look the result up before calling again.</summary>
public enum ProvisionStep
{
    NotStarted,
    CreateRequested,
    Created,
    AttachRequested,
    Ready,
}
