using FullscriptPortal.Api;
using FullscriptPortal.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FullscriptPortal.Data;

internal sealed class InviteConfiguration : IEntityTypeConfiguration<FullscriptPortal.Clinics.Invite>
{
    public void Configure(EntityTypeBuilder<FullscriptPortal.Clinics.Invite> invite)
    {
        invite.HasIndex(i => i.TokenHash).IsUnique();
        invite.HasIndex(i => i.UserId);
        invite.Property(i => i.TokenHash).HasMaxLength(64);
        invite.Property(i => i.ReturnUrl).HasMaxLength(ConnectLinks.MaxReturnUrlLength);
        invite.HasOne<PortalUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
