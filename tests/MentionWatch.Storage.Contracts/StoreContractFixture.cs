namespace MentionWatch.Storage.Contracts;

/// <summary>
/// The life of the store under test, shared by every contract fixture: a fresh store before each test, disposed after it.
/// A backend's subclass says how to create a store over new storage, reopen one over the same storage, and dispose it.
/// </summary>
public abstract class StoreContractFixture<TStore>
    where TStore : class
{
    /// <summary>The store under the current test; <see cref="Reopen"/> replaces it.</summary>
    protected TStore Store { get; set; } = null!;

    /// <summary>A store over new, empty storage.</summary>
    protected abstract TStore CreateStore();

    /// <summary>Closes <paramref name="current"/> and opens a store over the same storage, as a restart would.</summary>
    protected abstract TStore Reopen(TStore current);

    protected abstract void DisposeStore(TStore store);

    [SetUp]
    public void CreateFreshStore() => Store = CreateStore();

    [TearDown]
    public void DisposeFreshStore() => DisposeStore(Store);
}
