using Storefront.Sandbox.Payments;

namespace Storefront.Tests.Payments;

public class RequestParamsTests
{
    private static ParamMap Parse(params (string Key, string Value)[] pairs) =>
        ParamNode.Parse(pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));

    [Fact]
    public void Indexed_and_empty_brackets_both_make_arrays()
    {
        var indexed = Parse(("expand[0]", "payment_intent"), ("expand[1]", "line_items"));
        var appended = Parse(("expand[]", "payment_intent"), ("expand[]", "line_items"));

        Assert.Equal(["payment_intent", "line_items"], indexed.Strings("expand"));
        Assert.Equal(["payment_intent", "line_items"], appended.Strings("expand"));
        Assert.Equal(indexed.Canonical(), appended.Canonical());
    }

    [Fact]
    public void Repeating_a_key_inside_empty_brackets_starts_a_new_element_as_rack_does()
    {
        var form = Parse(
            ("line_items[][price_data][currency]", "usd"),
            ("line_items[][quantity]", "1"),
            ("line_items[][price_data][currency]", "usd"),
            ("line_items[][quantity]", "2"));

        var items = form.List("line_items")!;

        Assert.Equal(2, items.Count);
        Assert.Equal(2, ((ParamMap)items[1]).Integer("quantity"));
    }

    [Fact]
    public void Parameters_nobody_read_are_reported_by_their_full_name()
    {
        var form = Parse(("mode", "payment"), ("line_items[0][quantity]", "1"), ("line_items[0][colour]", "red"));

        form.String("mode");
        ((ParamMap)form.List("line_items")![0]).Integer("quantity");

        Assert.Equal("line_items[0][colour]", form.FirstUnused());
    }

    [Fact]
    public void A_non_integer_is_rejected_naming_the_parameter()
    {
        var form = Parse(("amount", "12.5"));

        var error = Assert.Throws<SimulatorApiError>(() => form.Integer("amount"));

        Assert.Equal("parameter_invalid_integer", error.Code);
        Assert.Equal("amount", error.Param);
    }
}
