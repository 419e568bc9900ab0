import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { Grid, makeStyles, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  Content,
  Header,
  Page,
  Progress,
  ProxiedSignInPage,
} from '@backstage/core-components';
import {
  discoveryApiRef,
  IdentityApi,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';
import { DemoUserCard } from './DemoUserCard';
import { demoUserChoice, fetchDemoUsers } from './demoUsersClient';

const DEMO_USER_HEADER = 'x-portico-demo-user';

const useStyles = makeStyles(theme => ({
  intro: { marginBottom: theme.spacing(3), maxWidth: 760 },
}));

/** Forgets the chosen user on sign-out, so the picker shows again. */
function forgetChoiceOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      demoUserChoice.clear();
      await identity.signOut();
    },
  };
}

function UserPicker(props: { onPick(name: string): void }) {
  const classes = useStyles();
  const discoveryApi = useApi(discoveryApiRef);
  const users = useAsync(async () => {
    return fetchDemoUsers(await discoveryApi.getBaseUrl('auth'));
  }, [discoveryApi]);

  return (
    <Page themeId="home">
      <Header title="Sign in to Portico" subtitle="Local demo: pick who you are" />
      <Content>
        <Typography className={classes.intro} variant="body1">
          Each person below is a user of the demo catalog; their groups are their roles
          (DevOps, approvers, security, SRE, service desk, admins). No password: this sign-in
          exists only while the backend runs in development. Sign out from Settings to switch
          person.
        </Typography>
        {users.loading && <Progress />}
        {users.error && <Alert severity="error">{users.error.message}</Alert>}
        {users.value && (
          <Grid container spacing={2}>
            {users.value.map(user => (
              <Grid item xs={12} sm={6} md={4} lg={3} key={user.ref}>
                <DemoUserCard user={user} onSelect={u => props.onPick(u.name)} />
              </Grid>
            ))}
          </Grid>
        )}
      </Content>
    </Page>
  );
}

export function DemoSignInPage(props: SignInPageProps) {
  const [userName, setUserName] = useState(demoUserChoice.get());

  if (!userName) {
    return (
      <UserPicker
        onPick={name => {
          demoUserChoice.set(name);
          setUserName(name);
        }}
      />
    );
  }

  return (
    <ProxiedSignInPage
      {...props}
      provider="demo"
      headers={{ [DEMO_USER_HEADER]: userName }}
      onSignInSuccess={identity => props.onSignInSuccess(forgetChoiceOnSignOut(identity))}
      ErrorComponent={({ error }) => (
        <Page themeId="home">
          <Header title="Sign in to Portico" />
          <Content>
            <Alert
              severity="error"
              action={
                <button
                  type="button"
                  onClick={() => {
                    demoUserChoice.clear();
                    setUserName(undefined);
                  }}
                >
                  Pick another user
                </button>
              }
            >
              Could not sign in as {userName}: {error?.message}
            </Alert>
          </Content>
        </Page>
      )}
    />
  );
}
