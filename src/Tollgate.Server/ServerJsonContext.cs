using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tollgate.Server.Admin;
using Tollgate.Server.Msp;
using Tollgate.Server.OpenApi;
using Tollgate.Server.UserManagement;

namespace Tollgate.Server;

/// <summary>Source-generated JSON for every body the server reads or writes through System.Text.Json.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(UserDto))]
[JsonSerializable(typeof(UserListDto))]
[JsonSerializable(typeof(UserInput))]
[JsonSerializable(typeof(CustomerDto))]
[JsonSerializable(typeof(CustomerListDto))]
[JsonSerializable(typeof(CustomerInput))]
[JsonSerializable(typeof(AdminCredentialDto))]
[JsonSerializable(typeof(System.Text.Json.JsonElement))]
[JsonSerializable(typeof(System.Text.Json.JsonDocument))]
[JsonSerializable(typeof(AdminCredentialListDto))]
[JsonSerializable(typeof(AdminSecretDto))]
[JsonSerializable(typeof(AdminCredentialInput))]
[JsonSerializable(typeof(AdminCredentialChangesInput))]
[JsonSerializable(typeof(AdminTenantInput))]
[JsonSerializable(typeof(AdminAdministratorDto))]
[JsonSerializable(typeof(AdminPageDto<AdminAdministratorDto>))]
[JsonSerializable(typeof(AdminInvitationDto))]
[JsonSerializable(typeof(AdminAdministratorInput))]
[JsonSerializable(typeof(AdminMspDto))]
[JsonSerializable(typeof(AdminCustomerDto))]
[JsonSerializable(typeof(AdminPageDto<AdminMspDto>))]
[JsonSerializable(typeof(AdminPageDto<AdminCustomerDto>))]
[JsonSerializable(typeof(AdminKeyDto))]
[JsonSerializable(typeof(AdminKeyDto[]))]
[JsonSerializable(typeof(AdminAuditDto[]))]
[JsonSerializable(typeof(TokenResponseDoc))]
[JsonSerializable(typeof(OAuthErrorDoc))]
[JsonSerializable(typeof(ApiErrorDoc))]
[JsonSerializable(typeof(ProblemDoc))]
[JsonSerializable(typeof(IntrospectionDoc))]
[JsonSerializable(typeof(MetadataDoc))]
[JsonSerializable(typeof(JwksDoc))]
[JsonSerializable(typeof(TokenFormDoc))]
[JsonSerializable(typeof(TokenOperationFormDoc))]
internal sealed partial class ServerJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The same contract, without escaping '+', '&lt;' and the like: what the admin API writes, so a Client ID or a
    /// Secret Key in a raw response reads as it must be typed. Bodies are JSON responses, never embedded in HTML.
    /// </summary>
    public static ServerJsonContext Relaxed { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
