using System.Security.Cryptography;
using System.Text;
using Inet.Core.Sasl;

namespace Inet.Tests.Core.Sasl;

public class ScramSha256MechanismTests
{
    // RFC 7677 section 3.
    private const string RfcNonce = "rOprNGfwEbeRWgbNEkqO";
    private const string RfcServerFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private const string RfcClientFinal = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private const string RfcServerFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private static ScramSha256Mechanism RfcClient() => new("user", "pencil", RfcNonce);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Rfc7677Example_ClientMessagesAndServerSignature()
    {
        var scram = RfcClient();
        Assert.Equal(Utf8("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"), scram.InitialResponse());
        Assert.Equal(Utf8(RfcClientFinal), scram.Respond(Utf8(RfcServerFirst)));
        Assert.Empty(scram.Respond(Utf8(RfcServerFinal)));
        scram.Complete([]);
    }

    [Fact]
    public void Rfc7677Example_ServerFinalAsSuccessData_VerifiedInComplete()
    {
        var scram = RfcClient();
        scram.InitialResponse();
        scram.Respond(Utf8(RfcServerFirst));
        scram.Complete(Utf8(RfcServerFinal));
    }

    [Fact]
    public void Respond_EmptyFirstChallenge_SendsClientFirstInstead() =>
        Assert.Equal(Utf8("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"), RfcClient().Respond([]));

    [Fact]
    public void ClientFirst_EscapesCommaAndEqualsInUser() =>
        Assert.Equal(Utf8("n,,n=a=2Cb=3Dc,r=xyz"), new ScramSha256Mechanism("a,b=c", "p", "xyz").InitialResponse());

    [Fact]
    public void RandomNonce_Is24BytesOfBase64()
    {
        var first = Encoding.UTF8.GetString(new ScramSha256Mechanism("u", "p").InitialResponse());
        var nonce = first["n,,n=u,r=".Length..];
        Assert.StartsWith("n,,n=u,r=", first, StringComparison.Ordinal);
        Assert.Equal(24, Convert.FromBase64String(nonce).Length);
        Assert.NotEqual(first, Encoding.UTF8.GetString(new ScramSha256Mechanism("u", "p").InitialResponse()));
    }

    [Fact]
    public void FullExchange_AgainstTestServer_BothSidesProveThemselves()
    {
        var server = new TestScramServer("p\u00e4ss", Utf8("a different salt"), 5000);
        var scram = new ScramSha256Mechanism("jo=e", "p\u00e4ss");
        var clientFinal = scram.Respond(server.First(scram.InitialResponse()));
        Assert.Empty(scram.Respond(server.Final(clientFinal)));
        scram.Complete([]);
        Assert.Equal("n=jo=3De", server.UserAttribute);
    }

    [Fact]
    public void FullExchange_WrongPassword_ServerRefusesProof()
    {
        var server = new TestScramServer("right", Utf8("salt"), 4096);
        var scram = new ScramSha256Mechanism("u", "wrong");
        var clientFinal = scram.Respond(server.First(scram.InitialResponse()));
        Assert.Throws<SaslException>(() => scram.Respond(server.Final(clientFinal)));
    }

    [Fact]
    public void WrongServerSignature_Throws()
    {
        var scram = RfcClient();
        scram.InitialResponse();
        scram.Respond(Utf8(RfcServerFirst));
        var ex = Assert.Throws<SaslException>(() => scram.Respond(Utf8("v=7rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")));
        Assert.Contains("signature", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ServerError_ThrowsWithItsText()
    {
        var scram = RfcClient();
        scram.InitialResponse();
        scram.Respond(Utf8(RfcServerFirst));
        var ex = Assert.Throws<SaslException>(() => scram.Respond(Utf8("e=invalid-proof")));
        Assert.Contains("invalid-proof", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("r=someoneElsesNonceThatIsLongerThanOurs,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")] // not prefixed by ours
    [InlineData("r=rOprNGfwEbeRWgbNEkqO,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")] // ours, not extended
    [InlineData("r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=1")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4095")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=1000001")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=99999999999999999999")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=-4096")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqOxyz,s=not*base64!,i=4096")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqOxyz,s=,i=4096")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqOxyz,i=4096")]
    [InlineData("m=must-understand,r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,garbage")]
    [InlineData("e=other-error")]
    public void BadServerFirst_Throws(string serverFirst)
    {
        var scram = RfcClient();
        scram.InitialResponse();
        Assert.Throws<SaslException>(() => scram.Respond(Utf8(serverFirst)));
    }

    [Fact]
    public void ServerFirst_InvalidUtf8_Throws()
    {
        var scram = RfcClient();
        scram.InitialResponse();
        Assert.Throws<SaslException>(() => scram.Respond([(byte)'r', (byte)'=', 0xff, 0xfe]));
    }

    [Fact]
    public void Respond_AfterVerification_Throws()
    {
        var scram = RfcClient();
        scram.InitialResponse();
        scram.Respond(Utf8(RfcServerFirst));
        scram.Respond(Utf8(RfcServerFinal));
        Assert.Throws<SaslException>(() => scram.Respond(Utf8(RfcServerFinal)));
    }

    [Fact]
    public void Respond_AfterAFailure_Throws()
    {
        var scram = RfcClient();
        scram.InitialResponse();
        Assert.Throws<SaslException>(() => scram.Respond(Utf8("r=bogus,s=AAAA,i=4096")));
        Assert.Throws<SaslException>(() => scram.Respond(Utf8(RfcServerFirst)));
    }

    [Fact]
    public void Complete_WithoutServerSignature_Throws()
    {
        var scram = RfcClient();
        scram.InitialResponse();
        scram.Respond(Utf8(RfcServerFirst));
        Assert.Throws<SaslException>(() => scram.Complete([]));
    }

    [Fact]
    public void Complete_BeforeClientProof_Throws()
    {
        var scram = RfcClient();
        scram.InitialResponse();
        Assert.Throws<SaslException>(() => scram.Complete(Utf8(RfcServerFinal)));
    }

    [Fact]
    public void InitialResponse_Twice_Throws()
    {
        var scram = RfcClient();
        scram.InitialResponse();
        Assert.Throws<InvalidOperationException>(() => scram.InitialResponse());
    }

    /// <summary>The server side of RFC 5802 section 3, written from the RFC's formulas for these tests.</summary>
    private sealed class TestScramServer(string password, byte[] salt, int iterations)
    {
        private string _clientFirstBare = "";
        private string _serverFirst = "";

        public string UserAttribute { get; private set; } = "";

        public byte[] First(byte[] clientFirst)
        {
            var text = Encoding.UTF8.GetString(clientFirst);
            Assert.StartsWith("n,,", text, StringComparison.Ordinal);
            _clientFirstBare = text[3..];
            var parts = _clientFirstBare.Split(',');
            UserAttribute = parts[0];
            _serverFirst = $"{parts[1]}SERVERPART,s={Convert.ToBase64String(salt)},i={iterations}";
            return Encoding.UTF8.GetBytes(_serverFirst);
        }

        public byte[] Final(byte[] clientFinal)
        {
            var text = Encoding.UTF8.GetString(clientFinal);
            var proofAt = text.IndexOf(",p=", StringComparison.Ordinal);
            var withoutProof = text[..proofAt];
            var proof = Convert.FromBase64String(text[(proofAt + 3)..]);
            Assert.Equal("c=biws," + _serverFirst.Split(',')[0], withoutProof);
            var authMessage = Encoding.UTF8.GetBytes(_clientFirstBare + "," + _serverFirst + "," + withoutProof);
            var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
            var storedKey = SHA256.HashData(HMACSHA256.HashData(salted, Encoding.ASCII.GetBytes("Client Key")));
            var signature = HMACSHA256.HashData(storedKey, authMessage);
            var clientKey = proof.Zip(signature, (a, b) => (byte)(a ^ b)).ToArray();
            if (!SHA256.HashData(clientKey).SequenceEqual(storedKey))
                return Encoding.UTF8.GetBytes("e=invalid-proof");
            var serverKey = HMACSHA256.HashData(salted, Encoding.ASCII.GetBytes("Server Key"));
            return Encoding.UTF8.GetBytes("v=" + Convert.ToBase64String(HMACSHA256.HashData(serverKey, authMessage)));
        }
    }
}
