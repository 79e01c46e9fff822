namespace Storefront.Email;

public sealed record InlineImage(string ContentId, byte[] Content, string MediaType = "image/png");
