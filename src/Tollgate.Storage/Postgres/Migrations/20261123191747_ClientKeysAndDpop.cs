using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tollgate.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    internal partial class ClientKeysAndDpop : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PublicKeys",
                table: "credentials",
                type: "character varying(40000)",
                maxLength: 40000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "RequireDpop",
                table: "credentials",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "used_jtis",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_used_jtis", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_used_jtis_Until",
                table: "used_jtis",
                column: "Until");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "used_jtis");

            migrationBuilder.DropColumn(
                name: "PublicKeys",
                table: "credentials");

            migrationBuilder.DropColumn(
                name: "RequireDpop",
                table: "credentials");
        }
    }
}
