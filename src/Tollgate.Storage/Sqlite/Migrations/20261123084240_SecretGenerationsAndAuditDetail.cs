using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tollgate.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    internal partial class SecretGenerationsAndAuditDetail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SecretGeneration",
                table: "credentials",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Detail",
                table: "audit_events",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SecretGeneration",
                table: "credentials");

            migrationBuilder.DropColumn(
                name: "Detail",
                table: "audit_events");
        }
    }
}
