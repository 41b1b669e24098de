using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tollgate.Storage.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 40000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "RequireDpop",
                table: "credentials",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "used_jtis",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Until = table.Column<long>(type: "INTEGER", nullable: false)
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
