using Connect.Grpc.Domain;

namespace Connect.Grpc.UnitTests.Storage;

public abstract partial class StoreContractTests
{
    [Fact]
    public void Passkeys_AreFoundByPersonInOrderAndByCredential_AndACredentialBelongsToOnePerson()
    {
        var anna = Person("anna@passkeys.example.ch");
        var ben = Person("ben@passkeys.example.ch");
        var first = Insert(new Passkey
        {
            PersonId = anna.Id, CredentialId = "Y3JlZC0x", PublicKey = [1, 2, 3], SignCount = 7, Name = "Bureau", AaGuid = Guid.NewGuid(),
            Transports = ["Internal", "Hybrid"], BackedUp = true, CreatedAt = Now,
        });
        var second = Insert(new Passkey { PersonId = anna.Id, CredentialId = "Y3JlZC0y", PublicKey = [4], Name = "Clé USB", CreatedAt = Now });
        Insert(new Passkey { PersonId = ben.Id, CredentialId = "Y3JlZC0z", PublicKey = [5], Name = "Ben", CreatedAt = Now });

        Reopen();
        Assert.Equal([first.Id, second.Id], Read(r => r.PasskeysOfPerson(anna.Id)).Select(p => p.Id));
        var found = Read(r => r.PasskeyByCredentialId("Y3JlZC0x"))!;
        Assert.Equal((anna.Id, 7L, "Bureau", first.AaGuid, true), (found.PersonId, found.SignCount, found.Name, found.AaGuid, found.BackedUp));
        Assert.Equal([1, 2, 3], found.PublicKey);
        Assert.Equal(["Internal", "Hybrid"], found.Transports);
        Assert.Null(Read(r => r.PasskeyByCredentialId("Y3JlZC0Y")));

        // The same credential for another person is refused by the store itself, and the write leaves nothing.
        Assert.ThrowsAny<Exception>(() => Write(w => w.Insert(new Passkey { PersonId = ben.Id, CredentialId = "Y3JlZC0x", PublicKey = [9], CreatedAt = Now })));
        Assert.Single(Read(r => r.PasskeysOfPerson(ben.Id)));

        Write(w => w.Delete<Passkey>(first.Id));
        Assert.Equal([second.Id], Read(r => r.PasskeysOfPerson(anna.Id)).Select(p => p.Id));
        Assert.Null(Read(r => r.PasskeyByCredentialId("Y3JlZC0x")));
    }
}
