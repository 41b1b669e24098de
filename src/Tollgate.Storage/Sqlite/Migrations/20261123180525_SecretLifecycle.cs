using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tollgate.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    internal partial class SecretLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ExpiresAt",
                table: "credentials",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PreviousHashVersion",
                table: "credentials",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<byte[]>(
                name: "PreviousSecretHash",
                table: "credentials",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PreviousSecretLastUsedAt",
                table: "credentials",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PreviousSecretUntil",
                table: "credentials",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExpiresAt",
                table: "credentials");

            migrationBuilder.DropColumn(
                name: "PreviousHashVersion",
                table: "credentials");

            migrationBuilder.DropColumn(
                name: "PreviousSecretHash",
                table: "credentials");

            migrationBuilder.DropColumn(
                name: "PreviousSecretLastUsedAt",
                table: "credentials");

            migrationBuilder.DropColumn(
                name: "PreviousSecretUntil",
                table: "credentials");
        }
    }
}
