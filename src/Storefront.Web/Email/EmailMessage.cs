namespace Storefront.Email;

public sealed record EmailAttachment(string FileName, byte[] Content, string MediaType);

/// <summary>One email: an HTML body with a plain-text alternative, inline images referenced as cid:ContentId.</summary>
public sealed record EmailMessage(
    string To,
    string ToName,
    string Subject,
    string Html,
    string Text,
    IReadOnlyList<InlineImage>? InlineImages = null,
    IReadOnlyList<EmailAttachment>? Attachments = null);
