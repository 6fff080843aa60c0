using FullscriptPortal.Components.Circuits;

namespace FullscriptPortal.Tests.Components;

public sealed class CircuitsPerUserTests
{
    [Fact]
    public void A_person_gets_circuits_up_to_the_limit_and_one_more_once_one_closes()
    {
        var circuits = new CircuitsPerUser();

        Enumerable.Range(0, 3).Select(_ => circuits.TryOpen("lee", limit: 3)).ToList().Should().AllBeEquivalentTo(true);
        circuits.TryOpen("lee", limit: 3).Should().BeFalse("the fourth is over the limit");
        circuits.OpenFor("lee").Should().Be(3, "a refused circuit is not counted");

        circuits.Close("lee");
        circuits.TryOpen("lee", limit: 3).Should().BeTrue();
    }

    [Fact]
    public void Each_person_has_their_own_count_and_a_closed_out_person_leaves_nothing_behind()
    {
        var circuits = new CircuitsPerUser();
        circuits.TryOpen("lee", limit: 1).Should().BeTrue();

        circuits.TryOpen("sam", limit: 1).Should().BeTrue("another person's circuits do not count against Lee's");
        circuits.Close("lee");
        circuits.Close("lee");

        circuits.OpenFor("lee").Should().Be(0, "closing more than was opened never goes below zero");
        circuits.OpenFor("sam").Should().Be(1);
    }

    [Fact]
    public async Task Racing_opens_never_pass_the_limit()
    {
        var circuits = new CircuitsPerUser();

        var opened = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => circuits.TryOpen("lee", limit: 20))));

        opened.Count(o => o).Should().Be(20);
        circuits.OpenFor("lee").Should().Be(20);
    }
}
