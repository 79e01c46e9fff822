namespace Storefront.Tests;

public class SmokeTests
{
    [Fact]
    public void Test_project_runs() => Assert.True(typeof(Program).Assembly.GetName().Name == "Storefront.Web");
}
