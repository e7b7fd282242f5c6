package io.dataflow.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteUrlsTest {

    @ParameterizedTest
    @CsvSource({
        "git@github.com:user/stranger-data.git, user, stranger-data",
        "github.com:user/stranger-data, user, stranger-data",
        "ssh://git@github.com/user/stranger-data.git, user, stranger-data",
        "ssh://git@example.com:2222/group/sub/repo.git, sub, repo",
        "https://github.com/user/stranger-data.git, user, stranger-data",
        "https://github.com/user/stranger-data/, user, stranger-data",
        "https://user:token@gitlab.example.com/team/pipes.git, team, pipes",
        "file:///srv/git/owner/repo.git, owner, repo",
        "/srv/git/owner/repo, owner, repo",
        "../owner/repo.git, owner, repo"
    })
    void ownerAndRepoAreTheLastTwoPathSegments(String url, String owner, String repo) {
        assertThat(RemoteUrls.ownerAndRepo(url)).contains(new RemoteUrls.OwnerRepo(owner, repo));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://github.com/repo.git", "file:///repo.git", "../repo", "repo"})
    void urlsWithoutAnOwnerSegmentGiveNothing(String url) {
        assertThat(RemoteUrls.ownerAndRepo(url)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "https://user:token@github.com/u/r.git, https://github.com/u/r.git",
        "https://ghp_secretToken@github.com/u/r.git, https://github.com/u/r.git",
        "http://a:b@host:8080/u/r, http://host:8080/u/r",
        "ssh://git:pw@host/u/r.git, ssh://git@host/u/r.git",
        "ssh://git@host/u/r.git, ssh://git@host/u/r.git",
        "git@github.com:u/r.git, git@github.com:u/r.git",
        "file:///srv/u/r.git, file:///srv/u/r.git"
    })
    void credentialsAreStripped(String url, String stripped) {
        assertThat(RemoteUrls.stripCredentials(url)).isEqualTo(stripped);
    }
}
