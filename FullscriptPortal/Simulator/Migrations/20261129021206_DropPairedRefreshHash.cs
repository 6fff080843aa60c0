using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FullscriptPortal.Simulator.Migrations
{
    /// <inheritdoc />
    public partial class DropPairedRefreshHash : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PairedRefreshHash",
                table: "Tokens");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PairedRefreshHash",
                table: "Tokens",
                type: "TEXT",
                nullable: true);
        }
    }
}
