using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FullscriptPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FullscriptCallCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FullscriptCallCounts",
                columns: table => new
                {
                    Instance = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UnixSecond = table.Column<long>(type: "INTEGER", nullable: false),
                    Calls = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FullscriptCallCounts", x => new { x.Instance, x.UnixSecond });
                });

            migrationBuilder.CreateIndex(
                name: "IX_FullscriptCallCounts_UnixSecond",
                table: "FullscriptCallCounts",
                column: "UnixSecond");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FullscriptCallCounts");
        }
    }
}
