using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FullscriptPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InviteCancellation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CancelledAt",
                table: "Invites",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ReplacedById",
                table: "Invites",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CancelledAt",
                table: "Invites");

            migrationBuilder.DropColumn(
                name: "ReplacedById",
                table: "Invites");
        }
    }
}
