using System.Diagnostics;

namespace Storefront.Tests.Support;

public static class Zbar
{
    /// <summary>Decodes a QR image with zbarimg (Debian zbar-tools, installed by scripts/test.sh).</summary>
    public static async Task<string> DecodeAsync(string pngPath)
    {
        using var process = Process.Start(new ProcessStartInfo("zbarimg", ["--raw", "-q", pngPath]) { RedirectStandardOutput = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return output.TrimEnd('\n');
    }
}
