import {
  Avatar,
  Card,
  CardActionArea,
  CardContent,
  Chip,
  makeStyles,
  Typography,
} from '@material-ui/core';
import type { DemoUser } from './demoUsersClient';

const useStyles = makeStyles(theme => ({
  card: { height: '100%' },
  area: { height: '100%', alignItems: 'flex-start' },
  header: { display: 'flex', alignItems: 'center', gap: theme.spacing(1.5) },
  avatar: { backgroundColor: theme.palette.primary.main },
  groups: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    marginTop: theme.spacing(1.5),
  },
}));

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map(part => part[0]?.toUpperCase() ?? '')
    .slice(0, 2)
    .join('');
}

function groupName(ref: string): string {
  return ref.replace(/^group:(default\/)?/, '');
}

export function DemoUserCard(props: { user: DemoUser; onSelect(user: DemoUser): void }) {
  const classes = useStyles();
  const { user, onSelect } = props;
  return (
    <Card className={classes.card} variant="outlined">
      <CardActionArea
        className={classes.area}
        onClick={() => onSelect(user)}
        aria-label={`Sign in as ${user.displayName}`}
        data-testid={`demo-user-${user.name}`}
      >
        <CardContent>
          <div className={classes.header}>
            <Avatar className={classes.avatar} src={user.picture}>
              {initials(user.displayName)}
            </Avatar>
            <div>
              <Typography variant="h6" component="div">
                {user.displayName}
              </Typography>
              <Typography variant="body2" color="textSecondary">
                {user.email ?? user.name}
              </Typography>
            </div>
          </div>
          <div className={classes.groups}>
            {user.groups.map(group => (
              <Chip key={group} size="small" label={groupName(group)} />
            ))}
          </div>
        </CardContent>
      </CardActionArea>
    </Card>
  );
}
