import { useState } from 'react';
import { Button } from 'react-aria-components';

type ConfirmProps = {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void | Promise<void>;
  isDisabled?: boolean;
  className?: string;
};

// A button that asks once more before something hard to undo; the question replaces it in place
// (no modal: nothing to trap focus in, and it reads well on a phone), focus on the confirmation.
export function ConfirmButton(props: ConfirmProps) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <Button className={props.className ?? 'secondary outline'} isDisabled={props.isDisabled} onPress={() => setAsking(true)}>
        {props.label}
      </Button>
    );
  return (
    <span role="group" aria-label={props.question} className="confirm-inline">
      <span>{props.question}</span>
      <Button
        autoFocus
        onPress={() => {
          setAsking(false);
          void props.onConfirm();
        }}
      >
        {props.confirmLabel}
      </Button>
      <Button className="secondary outline" onPress={() => setAsking(false)}>
        Cancel
      </Button>
    </span>
  );
}
