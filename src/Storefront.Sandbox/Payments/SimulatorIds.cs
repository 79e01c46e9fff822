using System.Security.Cryptography;

namespace Storefront.Sandbox.Payments;

internal static class SimulatorIds
{
    /// <summary>What a success_url may contain; replaced by the session id when the customer is sent back.</summary>
    public const string SessionIdTemplate = "{CHECKOUT_SESSION_ID}";

    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>
    /// Session ids are long on purpose (about 58 characters after the prefix, like Stripe's), so that clients
    /// do not come to rely on a length.
    /// </summary>
    public static string CheckoutSession() => "cs_test_a1" + Random(56);

    public static string New(string prefix) => prefix + Random(24);

    public static string Random(int length) => new(RandomNumberGenerator.GetItems<char>(Base62, length));
}
