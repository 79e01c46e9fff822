using System.Security.Cryptography;

namespace Storefront.Domain;

public static class OrderReferences
{
    // No 0/O/1/I: order numbers are read aloud and typed by people.
    private const string NumberAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public static string NewNumber() => "SF-" + RandomNumberGenerator.GetString(NumberAlphabet, 8);

    public static string NewAccessToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
