using System.Security.Cryptography;

namespace Storefront.Payments.Simulator;

internal static class SimulatorIds
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>
    /// Session ids are long on purpose (about 58 characters after the prefix, like Stripe's), so that clients
    /// do not come to rely on a length.
    /// </summary>
    public static string CheckoutSession() => "cs_test_a1" + Random(56);

    public static string New(string prefix) => prefix + Random(24);

    public static string Random(int length) => new(RandomNumberGenerator.GetItems<char>(Base62, length));
}
