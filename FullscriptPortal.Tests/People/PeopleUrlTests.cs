using FullscriptPortal.Connections;
using FullscriptPortal.People;

namespace FullscriptPortal.Tests.People;

public sealed class PeopleUrlTests
{
    [Fact]
    public void A_view_written_into_the_address_reads_back_the_same_and_keeps_other_parameters()
    {
        var view = new PeopleFilter("Dr. Lee & co", ConnectionState.RefreshFailing, PeopleSort.LastRefresh, Descending: true);

        var address = PeopleUrl.Write("https://portal.test/support?view=all&page=9", view, page: 2);

        address.Should().Be("https://portal.test/support?view=all&state=RefreshFailing&search=Dr.%20Lee%20%26%20co&sort=-lastrefresh&page=3");
        PeopleUrl.Read(address).Should().Be((view, 2));
    }

    [Fact]
    public void The_default_view_leaves_the_address_clean_and_an_address_without_a_view_names_none()
    {
        PeopleUrl.Write("https://portal.test/clinic?state=Revoked", new PeopleFilter(), 0).Should().Be("https://portal.test/clinic");
        PeopleUrl.Read("https://portal.test/clinic").Should().BeNull();
        PeopleUrl.Read("https://portal.test/support?view=all").Should().BeNull();
    }

    [Theory]
    [InlineData("?state=all", null)]
    [InlineData("?state=2", null)]
    [InlineData("?state=Active,Revoked", null)]
    [InlineData("?state=needsreconnect", ConnectionState.NeedsReconnect)]
    public void Only_a_state_name_filters_and_anything_else_shows_every_state(string query, ConnectionState? state)
    {
        PeopleUrl.Read("https://portal.test/clinic" + query)!.Value.Filter.State.Should().Be(state);
    }

    [Theory]
    [InlineData("?page=0", 0)]
    [InlineData("?page=-3", 0)]
    [InlineData("?page=abc", 0)]
    [InlineData("?page=99999999999", 0)]
    [InlineData("?page=4", 3)]
    [InlineData("?sort=-", 0)]
    [InlineData("?sort=drop%20table", 0)]
    public void A_mangled_link_opens_the_page_with_defaults_rather_than_failing(string query, int page)
    {
        var (filter, read) = PeopleUrl.Read("https://portal.test/clinic" + query)!.Value;

        read.Should().Be(page);
        filter.Sort.Should().Be(PeopleSort.Name);
        filter.Descending.Should().BeFalse();
    }

    [Fact]
    public void A_search_longer_than_the_grid_takes_is_cut_to_its_length()
    {
        var (filter, _) = PeopleUrl.Read("https://portal.test/clinic?search=" + new string('a', 500))!.Value;

        filter.Search.Should().HaveLength(PeopleQuery.MaxSearchLength);
    }
}
