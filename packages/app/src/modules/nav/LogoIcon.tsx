import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: { width: 28, height: 28, flexShrink: 0 },
  arch: { fill: '#7df3e1' },
});

/** Portico's mark: a portico, two columns under a pediment. */
export const LogoIcon = () => {
  const classes = useStyles();
  return (
    <svg className={classes.svg} viewBox="0 0 32 32" role="img" aria-label="Portico">
      <path className={classes.arch} d="M16 2 30 10H2z" />
      <rect className={classes.arch} x="5" y="12" width="5" height="14" rx="1" />
      <rect className={classes.arch} x="13.5" y="12" width="5" height="14" rx="1" />
      <rect className={classes.arch} x="22" y="12" width="5" height="14" rx="1" />
      <rect className={classes.arch} x="2" y="27" width="28" height="3" rx="1" />
    </svg>
  );
};
